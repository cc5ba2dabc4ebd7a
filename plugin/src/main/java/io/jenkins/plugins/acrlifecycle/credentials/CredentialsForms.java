package io.jenkins.plugins.acrlifecycle.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.microsoft.azure.util.AzureBaseCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down and its validation, following the credentials plugin's consumer guide: users who may
 * not configure the item see only the current value, and the list is what the job itself could use.
 */
public final class CredentialsForms {
    /** Azure service principals and managed identities, and username/password (ACR tokens, admin user). */
    static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(AzureBaseCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private CredentialsForms() {
    }

    /** May the current user list credentials in this context? */
    public static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    public static ListBoxModel fill(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        result.includeEmptyValue();
        if (item == null) {
            // Global configuration (admins only, see mayList): the ItemGroup overload with the root, as the
            // credentials plugin's consumer guide does, instead of passing a null Item.
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), USABLE);
        } else {
            result.includeMatchingAs(authentication(item), item, StandardCredentials.class, List.of(), USABLE);
        }
        return result.includeCurrentValue(current);
    }

    public static FormValidation check(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.error("credentialsId: required; add an Azure credential or an ACR token");
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning("credentialsId: a parameter expression is resolved when the build runs");
        }
        CredentialsMatcher wanted = CredentialsMatchers.allOf(CredentialsMatchers.withId(id), USABLE);
        ListBoxModel found = item == null
                ? CredentialsProvider.listCredentialsInItemGroup(StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        List.of(), wanted)
                : CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, authentication(item),
                        List.of(), wanted);
        if (found.isEmpty()) {
            return FormValidation.error("credentialsId: no Azure or username/password credentials '" + id + "'");
        }
        return FormValidation.ok();
    }

    /** The identity the job runs as: what it can use at build time is what the form should offer. */
    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
